"""Limits on one GraphQL request, each refused with its own `extensions.code`.

Depth, aliases, tokens and introspection are checked while the document is
parsed and validated, so their verdicts are cached with the document. The
cost depends on page sizes that may come in variables, so it is estimated
just before execution: every field costs 1, and what a list or connection
field selects costs as many times as the page it asks for (`first`, `last`
or `limit`), or the largest page when it does not say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLNamedType,
    GraphQLSchema,
    GraphQLSyntaxError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from graphql.execution.values import get_argument_values, get_variable_values
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.extensions.max_aliases import count_fields_with_alias

QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
TOO_MANY_TOKENS = "TOO_MANY_TOKENS"
QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"
INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED"
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"

# Arguments that say how many items a list or connection field returns.
PAGE_ARGUMENTS = ("first", "last", "limit")
# Metadata key of a list field whose resolver bounds its length: see list_size.
LIST_SIZE = "sir.list_size"
STRAWBERRY_FIELD = "strawberry-definition"


@dataclass(frozen=True)
class Limits:
    """The bounds of one request, from the settings."""

    max_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 3000
    max_cost: int = 10000
    max_page_size: int = 100
    introspection: bool = True


def list_size(items: int) -> dict[str, int]:
    """Field metadata for a list the resolver never makes longer than `items`.

    Use as `@strawberry.field(metadata=list_size(20))`, so the cost estimate
    counts that list as `items` long rather than as a full page.
    """
    return {LIST_SIZE: items}


def limit_extensions(limits: Limits) -> list[Callable[[], SchemaExtension]]:
    """The schema extensions that enforce `limits`, for `build_schema`.

    The validation rules are made once here: the validation cache keys on
    them, so every request must hand over the very same classes.
    """
    rules: list[type[ValidationRule]] = [
        depth_rule(limits.max_depth),
        alias_rule(limits.max_aliases),
    ]
    if not limits.introspection:
        rules.append(NoIntrospection)
    return [
        lambda: TokenLimit(limits.max_tokens),
        lambda: AddValidationRules(list(rules)),
        lambda: CostLimit(limits),
    ]


def refusal(message: str, code: str, **details: Any) -> GraphQLError:
    """A GraphQL error for a refused request, with its code."""
    return GraphQLError(message, extensions={"code": code, **details})


class TokenLimit(MaxTokensLimiter):
    """Strawberry's token limit, with the code TOO_MANY_TOKENS on its error."""

    def on_operation(self) -> Iterator[None]:
        # With the parser cache the parse error is raised out of the parse
        # hook rather than returned, and passes through here on its way out.
        self.execution_context.parse_options["max_tokens"] = self.max_token_count
        try:
            yield
        except GraphQLSyntaxError as raised:
            self.label(raised)
            raise
        result = self.execution_context.result
        for error in getattr(result, "errors", None) or ():
            if isinstance(error, GraphQLSyntaxError):
                self.label(error)

    def label(self, error: GraphQLSyntaxError) -> None:
        """Give a syntax error its code, and the token limit our words."""
        if f"more than {self.max_token_count} tokens" in error.message:
            error.message = (
                f"The query has more than {self.max_token_count} tokens, "
                "the limit of this service."
            )
            error.extensions = {"code": TOO_MANY_TOKENS}
        elif not (error.extensions or {}).get("code"):
            error.extensions = {**(error.extensions or {}), "code": PARSE_FAILED}


class Relabel:
    """A validation context that reports one error, with our code and words."""

    def __init__(
        self, context: ValidationContext, code: str, message: Callable[[], str]
    ) -> None:
        self._context = context
        self._code = code
        self._message = message
        self._reported = False

    def report_error(self, error: GraphQLError) -> None:
        """Pass on the first error only, reworded and with the code."""
        if not self._reported:
            self._reported = True
            self._context.report_error(
                GraphQLError(
                    self._message(), error.nodes, extensions={"code": self._code}
                )
            )

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)


def depth_rule(max_depth: int) -> type[ValidationRule]:
    """Strawberry's depth limit as a rule whose error has QUERY_TOO_DEEP."""
    (inner,) = QueryDepthLimiter(max_depth=max_depth).validation_rules
    words = f"The query is nested more than {max_depth} levels deep, the limit."

    class DepthLimit(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            # The depth rule does all its work when it is made.
            relabel = Relabel(context, QUERY_TOO_DEEP, lambda: words)
            inner(cast(ValidationContext, relabel))

    return DepthLimit


def alias_rule(max_aliases: int) -> type[ValidationRule]:
    """Strawberry's alias count, fragments included, refused with TOO_MANY_ALIASES."""

    class AliasLimit(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            definitions = context.document.definitions
            fragments = {
                d.name.value: d
                for d in definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            count = sum(
                count_fields_with_alias(d, fragments)
                for d in definitions
                if isinstance(d, OperationDefinitionNode)
            )
            if count > max_aliases:
                message = (
                    f"The query uses {count} aliases, more than the limit of "
                    f"{max_aliases}."
                )
                context.report_error(refusal(message, TOO_MANY_ALIASES))

    return AliasLimit


class NoIntrospection(NoSchemaIntrospectionCustomRule):
    """Refuses `__schema` and `__type` with INTROSPECTION_DISABLED, once."""

    reported = False

    def report_error(self, error: GraphQLError) -> None:
        if not self.reported:
            self.reported = True
            message = "Introspection is disabled on this service."
            super().report_error(
                GraphQLError(
                    message, error.nodes, extensions={"code": INTROSPECTION_DISABLED}
                )
            )


class CostLimit(SchemaExtension):
    """Refuses, before execution, a request whose estimated cost is too high."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.result is None:
            error = self.check(context.schema._schema, context.variables or {})
            if error is not None:
                context.result = ExecutionResult(data=None, errors=[error])
        yield

    def check(
        self, schema: GraphQLSchema, variables: Mapping[str, Any]
    ) -> GraphQLError | None:
        """The refusal of this request, or None when it is within bounds."""
        document = self.execution_context.graphql_document
        name = self.execution_context.operation_name
        assert document is not None  # noqa: S101 - checked by the caller
        cost = estimate_cost(schema, document, name, variables, self.limits)
        if cost is None or cost <= self.limits.max_cost:
            return None
        return refusal(
            f"The query would cost {cost}, more than the limit of "
            f"{self.limits.max_cost}; ask for smaller pages or fewer fields.",
            QUERY_TOO_COSTLY,
            cost=cost,
            limit=self.limits.max_cost,
        )


def estimate_cost(
    schema: GraphQLSchema,
    document: Any,
    operation_name: str | None,
    variables: Mapping[str, Any],
    limits: Limits,
) -> int | None:
    """The cost of the operation, or None when its variables do not fit.

    Variables that do not fit their types are left for execution to report.
    """
    operations = [
        d for d in document.definitions if isinstance(d, OperationDefinitionNode)
    ]
    chosen = [
        o
        for o in operations
        if operation_name is None or (o.name and o.name.value == operation_name)
    ]
    if len(chosen) != 1:
        return None
    operation = chosen[0]
    coerced = get_variable_values(
        schema, operation.variable_definitions or (), dict(variables)
    )
    root = schema.get_root_type(operation.operation)
    if isinstance(coerced, list) or root is None:
        return None
    fragments = {
        d.name.value: d
        for d in document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    walk = CostWalk(schema, fragments, coerced, limits.max_page_size)
    return walk.selections(root, operation.selection_set, frozenset())


@dataclass(frozen=True)
class CostWalk:
    """Adds up the cost of a selection set, following fragments once each."""

    schema: GraphQLSchema
    fragments: Mapping[str, FragmentDefinitionNode]
    # What graphql-core's get_variable_values returned: a dict before 3.3.
    variables: Any
    max_page_size: int

    def selections(
        self,
        parent: GraphQLNamedType,
        selection_set: SelectionSetNode,
        seen: frozenset[str],
    ) -> int:
        """The cost of everything selected on a value of type `parent`."""
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(parent, selection, seen)
            elif isinstance(selection, InlineFragmentNode):
                total += self.inline(parent, selection, seen)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.spread(selection.name.value, seen)
        return total

    def inline(
        self, parent: GraphQLNamedType, node: InlineFragmentNode, seen: frozenset[str]
    ) -> int:
        """The cost of an inline fragment, on its own type if it names one."""
        condition = node.type_condition
        inner = self.schema.get_type(condition.name.value) if condition else None
        return self.selections(inner or parent, node.selection_set, seen)

    def spread(self, name: str, seen: frozenset[str]) -> int:
        """The cost of a named fragment, nothing if it was already followed."""
        fragment = self.fragments.get(name)
        if fragment is None or name in seen:
            return 0
        inner = self.schema.get_type(fragment.type_condition.name.value)
        if inner is None:
            return 0
        return self.selections(inner, fragment.selection_set, seen | {name})

    def field(
        self, parent: GraphQLNamedType, node: FieldNode, seen: frozenset[str]
    ) -> int:
        """1 for the field, plus its selections times the items it returns."""
        fields: Mapping[str, GraphQLField] = getattr(parent, "fields", {})
        definition = fields.get(node.name.value)
        if definition is None or node.selection_set is None:
            # Leaves, __typename and introspection (which has its own switch).
            return 1
        items = self.items(parent, definition, node)
        inner = get_named_type(definition.type)
        return 1 + items * self.selections(inner, node.selection_set, seen)

    def items(
        self, parent: GraphQLNamedType, definition: GraphQLField, node: FieldNode
    ) -> int:
        """How many values a field returns, at most, for the estimate."""
        page = self.page(definition, node)
        if page is not None:
            return page
        strawberry_field = (definition.extensions or {}).get(STRAWBERRY_FIELD)
        hinted = getattr(strawberry_field, "metadata", {}).get(LIST_SIZE)
        if isinstance(hinted, int):
            return hinted
        if is_connection(get_named_type(definition.type)):
            return self.max_page_size
        # The lists inside a connection (edges, nodes) are its one page.
        if is_list_type(get_nullable_type(definition.type)) and not is_connection(
            parent
        ):
            return self.max_page_size
        return 1

    def page(self, definition: GraphQLField, node: FieldNode) -> int | None:
        """The page size a field asks for, if it takes one."""
        if not any(name in definition.args for name in PAGE_ARGUMENTS):
            return None
        values = get_argument_values(definition, node, self.variables)
        for name in PAGE_ARGUMENTS:
            value = values.get(name)
            if isinstance(value, int):
                # Not capped at the largest page: the resolver refuses a page
                # that is too large, and a huge one is refused here as costly.
                return max(value, 0)
        return self.max_page_size


def is_connection(type_: GraphQLNamedType) -> bool:
    """Whether a type is a Relay-style page: its name ends with Connection."""
    return type_.name.endswith("Connection")
