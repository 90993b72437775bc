"""`crisp serve`: Peppy on the web, and an OpenAI-compatible API with the safety layer inside.

- `app.create_app`: the FastAPI app (API under /v1, the web UI under /, its JSON under /web);
- `api`: /v1/chat/completions (SSE and not) and /v1/models; every request goes through Peppy,
  so the screen and the reply check run on every path;
- `turns`: one turn of a stateless request (history in, Peppy resumed, events out);
- `model_queue`: fair first-come queueing in front of a model that serves one request at a time;
- `db`, `store`, `migrations/`: SQLAlchemy 2 tables, their Alembic migrations, and the queries;
- `auth`: API keys (stored hashed), accounts (argon2), session cookies, CSRF;
- `guards`: security headers, body limits, per-account and per-IP rate limits;
- `web`: the static chat page (no CDN, no build step) and its endpoints.

What it does not do: terminate TLS (put it behind a proxy that does), share rate-limit counters
between replicas (they are per process), or log conversation text (never).
"""
