import asyncio


def collect(a=0, **kw):
    return kw


async def main():
    kw = collect(**{"__proto__": {"polluted": "@CANARY@"}, "constructor": 2, "a": 1})
    print(sorted(kw.keys()), {}.get("polluted"))

asyncio.run(main())
