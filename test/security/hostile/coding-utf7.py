# -*- coding: utf-7 -*-
import asyncio
# +AAo-open("@CANARY@", "w")
print("harmless")
