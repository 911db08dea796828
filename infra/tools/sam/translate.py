"""Prints a SAM template as AWS SAM's translator expands it (the samtranslator package that cfn-lint
ships), as JSON on stdout: what CloudFormation would create from it. Used by SamTranslationTest to hold
the local stack's wiring against AWS's.
Local CodeUri / DefinitionUri values become S3 placeholders first (as `sam deploy` uploads them);
nothing else is changed. Exit 3 when samtranslator is not installed, 2 when the template is invalid.

    python3 infra/tools/sam/translate.py template.yaml > translated.json
"""
import json
import os
import sys

try:
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.yaml_helper import yaml_parse
except ImportError:
    print(f"SAM's translator is not installed for {sys.executable}: pip install cfn-lint (it ships samtranslator)",
          file=sys.stderr)
    sys.exit(3)


def main(path):
    with open(path, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    for resource in template.get("Resources", {}).values():
        props = resource.get("Properties", {})
        for key in ("CodeUri", "DefinitionUri"):
            if isinstance(props.get(key), str) and not props[key].startswith("s3://"):
                props[key] = "s3://bucket/" + props[key]
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    try:
        out = Translator(managed_policy_map={}, sam_parser=Parser()).translate(
            sam_template=template, parameter_values={}, passthrough_metadata=True)
    except InvalidDocumentException as e:
        for cause in e.causes:
            print(f"{path}: {cause.message}", file=sys.stderr)
        sys.exit(2)
    json.dump(out, sys.stdout, indent=1, sort_keys=True, default=str)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "template.yaml")
