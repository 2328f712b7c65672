"""Validates JSON files against a JSON Schema (draft 2020-12) with the jsonschema package and
prints {file: [error, ...]} as JSON; an empty list means the file is valid.

    python3 check_schema.py SCHEMA FILE...
"""
import json
import sys

import jsonschema


def main(schema_path, files):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    out = {}
    for path in files:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        out[path] = sorted(
            f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)
        )
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
