"""Seeds a fresh mot with one of everything the API serves, through the API
itself, so that schemathesis's small generated ids (1, 2, ...) reach real
resources and not only 404s.

    python3 tests/api/seed.py http://127.0.0.1:PORT TOKEN
"""

import json
from datetime import date, timedelta
import sys
import urllib.request

BASE, TOKEN = sys.argv[1], sys.argv[2]


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + TOKEN)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req) as res:
        text = res.read().decode()
        return json.loads(text) if text else None


business = call("POST", "/api/v1/businesses", {"name": "Harbour Cafe"})
bid = business["id"]
journey = call("POST", f"/api/v1/businesses/{bid}/journeys", {"name": "Regular buys a coffee"})
jid = journey["id"]
stages = call("GET", f"/api/v1/journeys/{jid}/stages")
channels = call("GET", f"/api/v1/businesses/{bid}/channels")
moments = [
    call(
        "POST",
        f"/api/v1/journeys/{jid}/moments",
        {"stage_id": s["id"], "title": f"Moment {i}", "channel_id": channels[i]["id"]},
    )
    for i, s in enumerate(stages)
]
session = call("POST", f"/api/v1/journeys/{jid}/sessions", {"title": "First session"})
commands = f"/api/v1/sessions/{session['id']}/commands"
call("POST", commands, {"op": "change_phase", "expected": "capture", "target": "colour_code"})
call("POST", commands, {"op": "change_phase", "expected": "colour_code", "target": "prioritise"})
call("POST", commands, {"op": "vote", "moment_id": moments[0]["id"]})
call("POST", commands, {"op": "book_next", "date": "2099-01-15"})
branch = call("POST", f"/api/v1/businesses/{bid}/branches", {"name": "Main street"})
template = call("POST", "/api/v1/templates", {})
round_ = call(
    "POST",
    f"/api/v1/businesses/{bid}/rounds",
    {
        "template_id": template["id"],
        "name": "Spring audit",
        "opens_on": str(date.today()),
        "closes_on": str(date.today() + timedelta(days=30)),
        "branch_ids": [branch["id"]],
    },
)
call("POST", f"/api/v1/rounds/{round_['id']}/links", {"branch_id": branch["id"], "group": "staff", "labels": ["Sam"]})
point = call("POST", f"/api/v1/journeys/{jid}/feedback/points", {"moment_id": moments[0]["id"]})
call("PUT", f"/api/v1/feedback/points/{point['id']}/reasons", {"reasons": ["Waiting time"]})
print(f"seeded feedback point {point['id']}")
print(f"seeded business {bid}, journey {jid}, session {session['id']}, round {round_['id']}")
