"""An independent DKIM and ARC verifier for the tests (Debian's python3-dkim).

  /usr/bin/python3 dkim-verify.py ZONE.json < message
ZONE.json maps names (no trailing dot) to TXT values. Prints one JSON
document: every DKIM-Signature's d=, s=, a= and verdict, and the ARC chain's.
"""
import json
import sys

import dkim

zone = {k.lower(): v for k, v in json.load(open(sys.argv[1])).items()}


def answer(name, timeout=5):
    key = (name.decode() if isinstance(name, bytes) else name).rstrip('.').lower()
    value = zone.get(key)
    return value.encode() if value else None


message = sys.stdin.buffer.read()
checker = dkim.DKIM(message)
signatures = []
for index, (field, value) in enumerate(h for h in checker.headers if h[0].lower() == b'dkim-signature'):
    tags = dict(
        part.strip().split('=', 1) for part in value.decode().replace('\r\n', '').split(';') if '=' in part
    )
    try:
        ok = dkim.DKIM(message).verify(idx=index, dnsfunc=answer)
    except dkim.DKIMException as err:
        ok = False
    signatures.append({'d': tags.get('d', '').strip(), 's': tags.get('s', '').strip(), 'a': tags.get('a', '').strip(), 'ok': bool(ok)})

arc = None
if any(h[0].lower() == b'arc-seal' for h in checker.headers):
    cv, results, comment = dkim.arc_verify(message, dnsfunc=answer)
    arc = {'cv': cv.decode() if isinstance(cv, bytes) else cv, 'comment': comment,
           'instances': [{'instance': r.get('instance'), 'as': (r.get('as-domain') or b'').decode(),
                          'ams-valid': bool(r.get('ams-valid')), 'as-valid': bool(r.get('as-valid')),
                          'cv': (r.get('cv') or b'').decode()} for r in results]}

print(json.dumps({'dkim': signatures, 'arc': arc}))
