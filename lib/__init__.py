"""The Atlas library: one module per concern, in layers (pyproject.toml [tool.importlinter], README "Project layout")."""
