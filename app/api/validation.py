"""Checking request values against the JSON schemas the spec declares, so the document is the contract.

A small subset of JSON Schema — the keywords the API's request schemas use — with messages for people.
Values come back normalised: integers sent as 3.0 become 3.
"""

from __future__ import annotations

import math
import re

Problems = dict[str, str]
JSON_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}
TYPE_NAMES = {
    "object": "an object",
    "array": "a list",
    "string": "a text",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "null",
}


def json_type(value) -> str | None:
    """The JSON Schema type `value` has (the narrowest: 3.0 is an integer), or None for a non-JSON value."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        if not math.isfinite(value):
            return None  # NaN and Infinity are not JSON, though Python's parser reads them
        return "integer" if value.is_integer() else "number"
    return next((name for name, kind in JSON_TYPES.items() if isinstance(value, kind)), None)


def accepts(allowed: list[str], actual: str | None) -> bool:
    return actual in allowed or (actual == "integer" and "number" in allowed)


def conform(value, schema: dict, where: str, problems: Problems):
    """`value` normalised to `schema`; every problem found is added to `problems` under its path."""
    allowed = schema.get("type")
    allowed = [allowed] if isinstance(allowed, str) else list(allowed or [])
    actual = json_type(value)
    if allowed and not accepts(allowed, actual):
        problems[where] = "Must be " + " or ".join(TYPE_NAMES[t] for t in allowed) + "."
        return value
    if actual == "integer" and isinstance(value, float):
        value = int(value)
    if "enum" in schema and value not in schema["enum"]:
        problems[where] = "Must be one of: " + ", ".join(map(str, schema["enum"])) + "."
    elif actual in ("integer", "number"):
        number_problem(value, schema, where, problems)
    elif actual == "string":
        string_problem(value, schema, where, problems)
    elif actual == "array":
        return conform_array(value, schema, where, problems)
    elif actual == "object":
        return conform_object(value, schema, where, problems)
    return value


def number_problem(value, schema: dict, where: str, problems: Problems) -> None:
    if "minimum" in schema and value < schema["minimum"]:
        problems[where] = f"Must be at least {schema['minimum']}."
    elif "maximum" in schema and value > schema["maximum"]:
        problems[where] = f"Must be at most {schema['maximum']}."


def string_problem(value: str, schema: dict, where: str, problems: Problems) -> None:
    if "\x00" in value:
        problems[where] = "Must not contain NUL characters."
    elif len(value) < schema.get("minLength", 0):
        problems[where] = "Must not be empty." if schema["minLength"] == 1 else "Too short."
    elif "maxLength" in schema and len(value) > schema["maxLength"]:
        problems[where] = f"Must be at most {schema['maxLength']} characters."
    elif "pattern" in schema and not re.search(schema["pattern"], value):
        problems[where] = "Is not in the expected form."


def conform_array(value: list, schema: dict, where: str, problems: Problems) -> list:
    if len(value) < schema.get("minItems", 0):
        problems[where] = f"Give at least {schema['minItems']} items."
    elif "maxItems" in schema and len(value) > schema["maxItems"]:
        problems[where] = f"Give at most {schema['maxItems']} items."
    items = schema.get("items")
    if not items:
        return value
    return [conform(item, items, f"{where}[{i}]", problems) for i, item in enumerate(value)]


def conform_object(value: dict, schema: dict, where: str, problems: Problems) -> dict:
    properties = schema.get("properties", {})
    prefix = f"{where}." if where else ""
    for name in schema.get("required", ()):
        if name not in value:
            problems[prefix + name] = "Is required."
    if schema.get("additionalProperties") is False:
        for name in value.keys() - properties.keys():
            problems[prefix + name] = "Is not a known field."
    return {
        name: conform(item, properties[name], prefix + name, problems) if name in properties else item
        for name, item in value.items()
    }


def read_query(args, schemas: dict[str, dict]) -> tuple[dict, Problems]:
    """Query parameters read from text by their schemas (integers parsed); absent ones are None."""
    values, problems = {}, {}
    for name, schema in schemas.items():
        raw = args.get(name)
        if raw is None:
            values[name] = schema.get("default")
            continue
        where = f"query.{name}"
        if schema.get("type") == "integer":
            if not re.fullmatch(r"[+-]?\d{1,12}", raw.strip()):
                problems[where] = "Must be a whole number."
                continue
            raw = int(raw)
        values[name] = conform(raw, schema, where, problems)
    return values, problems
