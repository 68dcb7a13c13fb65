"""Commands for analysts and client developers: the schema and Bloom files."""

from __future__ import annotations

import argparse
from pathlib import Path

from api.settings import Settings
from graph.bloom import perspective_json
from resolvers.schema import build_schema

SCHEMA_FILE = "schema.graphql"
REGENERATE_SCHEMA = f".venv/bin/sir schema --output {SCHEMA_FILE}"


def schema_sdl() -> str:
    """The GraphQL schema in SDL, as kept in `schema.graphql`."""
    return str(build_schema()) + "\n"


def write_text(text: str, output: Path | None) -> None:
    """Write `text` to the file `output`, or to stdout when it is None."""
    if output is None:
        print(text, end="", flush=True)
        return
    output.write_text(text, encoding="utf-8")
    print(f"Wrote {output}.")


async def print_schema(settings: Settings, args: argparse.Namespace) -> int:
    """`sir schema`: the GraphQL schema as SDL."""
    write_text(schema_sdl(), args.output)
    return 0


async def print_bloom_perspective(settings: Settings, args: argparse.Namespace) -> int:
    """`sir bloom-perspective`: a Neo4j Bloom perspective of the graph."""
    write_text(perspective_json(), args.output)
    return 0


def add_analyst_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Register `schema` and `bloom-perspective` on the `sir` command line."""
    schema = commands.add_parser(
        "schema", help="print the GraphQL schema as SDL (schema.graphql)"
    )
    schema.set_defaults(run=print_schema)
    bloom = commands.add_parser(
        "bloom-perspective",
        help="print a Neo4j Bloom perspective of the graph, to import in Bloom",
    )
    bloom.set_defaults(run=print_bloom_perspective)
    for parser in (schema, bloom):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            metavar="FILE",
            help="write to FILE instead of printing",
        )
