from os import system

system("touch @CANARY@")
