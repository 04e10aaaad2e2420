import asyncio


class Box:
    pass


async def main():
    b = Box()
    for name in ["constructor", "prototype", "toString", "then", "hasOwnProperty"]:
        print(name)
    try:
        print(b.constructor)
    except AttributeError as e:
        print(e)
    try:
        print(Box.prototype)
    except AttributeError as e:
        print(e)
    try:
        b.toString()
    except AttributeError as e:
        print(e)
    b.then = "@CANARY@"
    print(await asyncio.sleep(0, b) is b, b.then == "@CANARY@")


asyncio.run(main())
