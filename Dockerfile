# The SiR API. In production it talks to Neo4j through SIR_DATABASE_URI, so
# the embedded database (and its bundled Java) is installed but never started.

# The web app, built with Node; only its static files go into the image.
FROM node:20-slim AS web
WORKDIR /web
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/index.html frontend/tsconfig.json frontend/vite.config.ts ./
COPY frontend/src ./src
RUN npm run build

FROM python:3.11-slim

WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1

COPY pyproject.toml README.md ./
COPY api ./api
COPY graph ./graph
COPY resolvers ./resolvers
COPY sir ./sir
COPY cypher ./cypher
# Served at / from the working folder (api/app.py, WEB_APP_DIRS).
COPY --from=web /web/dist ./frontend/dist
RUN pip install --no-cache-dir .

RUN useradd --create-home sir
USER sir
EXPOSE 8000
ENV SIR_HOST=0.0.0.0 SIR_PORT=8000
CMD ["sir", "serve"]
