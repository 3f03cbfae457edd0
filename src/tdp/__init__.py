"""Tổ dân phố điện tử."""
