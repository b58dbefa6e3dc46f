"""/story: the story built in this session: its steps (caption, notes, order, previews), TOML
download and upload, presenting it (with the console) and its briefing pack."""

from lib.ui import builder, shell

shell.require_dataset()
shell.header("story.title", "story.intro")
builder.panel()
