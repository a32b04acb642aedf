"""python -m zhengce"""

from .cli import run

run()
