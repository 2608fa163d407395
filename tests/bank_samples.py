"""Small question banks shared by the bank tests."""

ONE_NUMERIC_QUESTION = """\
article: everyone-who-can-leave-will-leave
questions:
  - id: firms-moved-staff
    type: numeric
    prompt: According to Alexei Kuzmenkov, at least how many Hi-Tech Park firms had moved some staff abroad?
    answer: 50
    unit: firms
    explanation: Kuzmenkov estimated at least 50 firms, more than 10% of the Park.
    evidence:
      - quote: He estimated that at least 50 firms in the Park
    tags: [numbers]
"""
