from services.communal.bootstrap import build
from shared.http import serve

app, runtime = build()
serve(app, runtime)
