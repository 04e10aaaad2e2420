"""What `print` raises on a UTF-8 stdout, as CPython's C print does: shared by the oracle's
worker (worker.py) and the Pyodide WebLoop target's host (targets/pyodide-webloop/host.py).
Only the non-ASCII path calls in here: an ASCII print adds no frame (the recursion limit
counts the frames of the oracle's Python-level print)."""


def check_encodable(pieces, sep, end, record):
    """`python3` writes each argument, separator and end to a UTF-8 stdout in turn: a lone
    surrogate raises UnicodeEncodeError there, after the pieces before it were written."""
    written = []
    for i, piece in enumerate(pieces + [None]):
        for part in ([sep] if i else []) + [end if piece is None else piece]:
            try:
                part.encode('utf-8')
            except UnicodeEncodeError:
                if written:
                    record(''.join(written))
                raise
            written.append(part)
