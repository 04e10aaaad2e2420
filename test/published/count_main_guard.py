# Source: Real Python, "Async IO in Python: A Complete Walkthrough", countasync.py
# (its closing print of __file__ and the elapsed time left out: they name the machine).
import asyncio

async def count():
    print("One")
    await asyncio.sleep(1)
    print("Two")

async def main():
    await asyncio.gather(count(), count(), count())

if __name__ == "__main__":
    asyncio.run(main())
