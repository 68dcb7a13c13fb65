"""The credential commands of `sir`: issue tokens, create and revoke API keys."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from api.app import graph_config
from api.auth import TokenConfig, issue_token
from api.settings import Settings
from graph.auth import delete_api_key, list_api_keys, make_api_key, store_api_key
from graph.runtime import open_graph
from resolvers.permissions import Principal, Role
from sir.errors import InvalidInput, NotFound

MAX_TOKEN_HOURS = 8784.0
ROLES = [role.value for role in Role]


def add_auth_commands(commands: Any) -> None:
    """Add `sir token` and `sir api-key` to the command line."""
    token = commands.add_parser(
        "token", help="print a bearer token for local use and the demo"
    )
    add_scope_arguments(token)
    token.add_argument("--subject", default="cli", help="who the token names (sub)")
    token.add_argument(
        "--hours", type=float, help="lifetime (default SIR_AUTH_TOKEN_HOURS)"
    )
    token.set_defaults(run=run_token)

    keys = commands.add_parser("api-key", help="manage the API keys of machines")
    actions = keys.add_subparsers(dest="api_key_command", required=True)
    create = actions.add_parser("create", help="create a key and print it once")
    add_scope_arguments(create)
    create.set_defaults(run=run_create_key)
    revoke = actions.add_parser("revoke", help="delete a key by its id")
    revoke.add_argument("key_id", help="the id shown by `sir api-key list`")
    revoke.set_defaults(run=run_revoke_key)
    actions.add_parser("list", help="list the keys, never their secrets").set_defaults(
        run=run_list_keys
    )


def add_scope_arguments(parser: argparse.ArgumentParser) -> None:
    """--role, and the organization or partner that the role belongs to."""
    parser.add_argument("--role", required=True, type=str.upper, choices=ROLES)
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--org", help="organization id, for ANALYST and AGENT")
    scope.add_argument("--partner", help="partner id, for PARTNER")


def principal_of_args(args: argparse.Namespace) -> Principal:
    """The principal that the command line describes; InvalidInput if unfit."""
    return Principal(Role(args.role), args.subject, args.org, args.partner)


async def run_token(settings: Settings, args: argparse.Namespace) -> int:
    """Print a signed token for the role given on the command line."""
    hours = settings.auth_token_hours if args.hours is None else args.hours
    if not 0 < hours <= MAX_TOKEN_HOURS:
        raise InvalidInput(
            f"--hours must be more than 0 and at most {MAX_TOKEN_HOURS:g}, "
            f"not {hours:g}.",
            field="hours",
            value=hours,
        )
    principal = principal_of_args(args)
    print(issue_token(TokenConfig.from_settings(settings), principal, hours=hours))
    return 0


async def run_create_key(settings: Settings, args: argparse.Namespace) -> int:
    """Store a new API key's hash and print the key, the only time it is shown."""
    principal = Principal(Role(args.role), "api-key", args.org, args.partner)
    new = make_api_key()
    async with open_graph(graph_config(settings)) as graph:
        await store_api_key(
            graph.database,
            new,
            role=principal.role.value,
            organization_id=principal.organization_id,
            partner_id=principal.partner_id,
        )
    print(new.key)
    print(
        f"API key {new.id} ({principal.role}) created; copy it now, the service "
        "keeps only its hash. Send it as the header X-API-Key.",
        file=sys.stderr,
    )
    return 0


async def run_revoke_key(settings: Settings, args: argparse.Namespace) -> int:
    """Delete an API key; it stops working within API_KEY_CACHE_SECONDS."""
    async with open_graph(graph_config(settings)) as graph:
        deleted = await delete_api_key(graph.database, args.key_id)
    if not deleted:
        raise NotFound(f'API key "{args.key_id}" does not exist.')
    print(f"API key {args.key_id} revoked.")
    return 0


async def run_list_keys(settings: Settings, args: argparse.Namespace) -> int:
    """Print one line per API key: id, role, scope, creation time."""
    async with open_graph(graph_config(settings)) as graph:
        keys = await list_api_keys(graph.database)
    for key in keys:
        scope = key.organization_id or key.partner_id or "-"
        created = key.created_at.isoformat() if key.created_at else "-"
        print(f"{key.id}\t{key.role}\t{scope}\t{created}")
    return 0


def print_demo_login(
    settings: Settings,
    organization: str | None = None,
    partner: str | None = None,
) -> None:
    """Print a ready ADMIN token and how to get tokens of other roles.

    `organization` and `partner` are ids of the graph to put in the example
    commands; placeholders stand in for them when the graph has none.
    """
    config = TokenConfig.from_settings(settings)
    token = issue_token(config, Principal(Role.ADMIN, "demo-admin"))
    org = organization or "<organization id>"
    print(
        f"Log in with the header  Authorization: Bearer {token}\n"
        f"  (an ADMIN token, valid {config.hours:g} h; paste it on the web app's "
        "sign-in page, or in GraphiQL put it under Headers as "
        '{"Authorization": "Bearer ..."})\n'
        f"  Other roles: sir token --role AGENT --org {org}\n"
        f"               sir token --role ANALYST --org {org}\n"
        f"               sir token --role PARTNER --partner "
        f"{partner or '<partner id>'}",
        flush=True,
    )
