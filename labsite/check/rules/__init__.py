"""The rules across files, one module per rule or per small family of rules; `labsite.check.RULES`
lists them in the order they run. A rule takes a `Context` and yields a `Finding` per problem."""
