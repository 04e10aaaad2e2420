import asyncio


class Owned:
    def __del__(self):
        open("@CANARY@", "w")


x = Owned()
