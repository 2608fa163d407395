"""The baseline: a bare Flask app answering "Hello, world", served exactly like Sourced."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, world"
