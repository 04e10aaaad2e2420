import asyncio

print = exec
print("open('@CANARY@', 'w')")
