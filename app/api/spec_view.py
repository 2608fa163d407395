"""The OpenAPI document itself, public, at /api/v1/openapi.json."""

from flask import jsonify

from app.api.openapi import document
from app.api.routing import operation


@operation(
    "GET",
    "/openapi.json",
    summary="This API's OpenAPI 3.1 document",
    tag="meta",
    scope=None,
    responses={200: ("The OpenAPI document.", {"type": "object"})},
)
def openapi_document():
    return jsonify(document())
