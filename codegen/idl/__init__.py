"""The Keel IDL compiler: lexer -> parser -> checker -> layout -> C templates."""
