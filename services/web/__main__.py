import uvicorn

from services.web.bootstrap import build
from shared.logging import configure_logging

app, settings = build()
configure_logging(service="web", level=settings.log_level, json=settings.log_json)
# log_config=None: uvicorn logs through the root logger, so through the redaction.
uvicorn.run(app, host=settings.http_host, port=settings.http_port, log_config=None)
