"""The Voilà practice app: server set-up, page template and local assets (no CDN)."""
