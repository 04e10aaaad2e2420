/** The seed tutorial (SEMANTICS.md): main prints 'shav', creates a task that prints 'text' then sleeps 1, sleeps 2, prints 'finished'. */
export const SEED_TUTORIAL = `import asyncio


async def count():
    print('text')
    await asyncio.sleep(1)


async def main():
    print('shav')
    asyncio.create_task(count())
    await asyncio.sleep(2)
    print('finished')


asyncio.run(main())
`;
