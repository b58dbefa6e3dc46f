"""Page scripts, one per route of lib/routes.py: read state, call lib/, render (thin UI, no pandas logic)."""
