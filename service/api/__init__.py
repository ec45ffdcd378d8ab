"""HTTP API: main.py assembles; one module per resource under routes/."""
