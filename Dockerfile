# The SiR API. In production it talks to Neo4j through SIR_DATABASE_URI, so
# the embedded database (and its bundled Java) is installed but never started.
FROM python:3.11-slim

WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1

COPY pyproject.toml README.md ./
COPY api ./api
COPY graph ./graph
COPY resolvers ./resolvers
COPY sir ./sir
COPY cypher ./cypher
RUN pip install --no-cache-dir .

RUN useradd --create-home sir
USER sir
EXPOSE 8000
ENV SIR_HOST=0.0.0.0 SIR_PORT=8000
CMD ["sir", "serve"]
