import asyncio


class Promise:
    def then(self, x):
        return "then " + str(x)

    def constructor(self):
        return "ctor"

    def toString(self):
        return "ts"


class Map(Promise):
    prototype = 5


class Error(Exception):
    pass


async def make():
    await asyncio.sleep(0)
    return Promise()


async def main():
    p = await make()
    print(p.then(1), p.constructor(), p.toString(), Map.prototype, Map().prototype)
    for name in ["a"]:
        try:
            print(p.valueOf)
        except AttributeError as e:
            print(e)
        try:
            print(p.hasOwnProperty)
        except AttributeError as e:
            print(e)
        try:
            print(Promise.apply)
        except AttributeError as e:
            print(e)
        try:
            print(p.get("x"))
        except AttributeError as e:
            print(e)
    q = Map()
    q.then = 3
    q.constructor = 4
    print(await asyncio.sleep(0, q) is q, q.then, q.constructor)
    try:
        raise Error("e")
    except Error as e:
        print(repr(e), type(e).__name__)
    print(repr(Promise), repr(Error))


asyncio.run(main())
