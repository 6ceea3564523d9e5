"""Views for people: pages and pictures drawn from the store (HTML and SVG, nothing fetched)."""
