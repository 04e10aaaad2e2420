import asyncio


def configure(host, port=80, **options):
    return f"{host}:{port} {options}"


async def fetch(url, *, retries=1, **headers):
    await asyncio.sleep(0.1)
    return (url, retries, headers)


def history(item, seen=[]):
    seen.append(item)
    return seen


async def main():
    print(configure("a"))
    print(configure("b", timeout=3, port=8080, verbose=True))
    settings = {"port": 443, "tls": True}
    print(configure("c", **settings))
    extra = {"accept": "json"}
    tasks = [asyncio.create_task(fetch(u, **extra, retries=n)) for n, u in enumerate(["x", "y"])]
    for result in await asyncio.gather(*tasks):
        print(result)
    print(history(1), history(2), history(3, []))
    log = lambda *args, **kw: print(len(args), sorted(kw.items()))
    log(1, 2, b=2, a=1)
    log(**{"z": 0})
    def wrap(fn):
        def inner(*args, **kwargs):
            print("call", args, kwargs)
            return fn(*args, **kwargs)
        return inner
    wrapped = wrap(configure)
    print(wrapped("d", port=1, **{"x": None}))
    kw = {}
    kw["retries"] = 5
    print(await fetch("z", **kw))

asyncio.run(main())
