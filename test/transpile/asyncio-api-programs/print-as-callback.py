# print as a value: a loop callback, a done callback, a name for it, and the reprs asyncio shows of it.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    handle = loop.call_soon(print, "soon", 1)
    print(handle)
    loop.call_later(0.5, print, "later")
    fut = loop.create_future()
    fut.add_done_callback(print)
    print(fut)
    fut.set_result(3)
    await asyncio.sleep(1)
    say = print
    say("via a name", "and sep", sep=" - ", end="!\n")
    print(print, say is print, type(print).__name__)
    print(sorted(["bb", "a"], key=len), list(map(str, [1, 2])))
    for keywords in [dict(color=True), dict(sep=1)]:
        try:
            say("x", **keywords)
        except TypeError as e:
            print("TypeError:", e)


class Collect:
    """A file for print(file=...): each write and flush, in order."""

    def __init__(self):
        self.writes = []

    def write(self, text):
        self.writes.append(text)

    def flush(self):
        self.writes.append("<flush>")


def to_file():
    out = Collect()
    say = print
    say("a", 1, sep="|", file=out, flush=True)
    say("b", file=None)
    print(out.writes)


asyncio.run(main())
to_file()
