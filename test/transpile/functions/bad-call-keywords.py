import asyncio


def configure(host, port=80, *, secure=False):
    return f"{host}:{port} {secure}"


async def main():
    setup = configure
    print(setup("h", secure=True))
    print(setup(port=1, host="x"))
    setup("h", host="again")


asyncio.run(main())
