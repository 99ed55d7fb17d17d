"""A local SMTP server for the e-mail tests: takes every message it is sent
(aiosmtpd) and writes each to a file of its own in the directory given, as
NNNNNN.eml (written whole, then renamed, so a reader never sees half of one),
with an X-Envelope-To line first.

    python smtp_sink.py DIR

A recipient whose address contains "greylist" is refused once with a
temporary error (451), as a greylisting server does, and taken the next
time: what a retry must get through.

Listens on 127.0.0.1, on a port the system chooses, and prints that port on
its first line of output; stops when its standard input closes (the test
that started it ended).
"""

import asyncio
import os
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, out):
        self.out = out
        self.count = 0
        self.refused = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "greylist" in address and address not in self.refused:
            self.refused.add(address)
            return "451 4.7.1 Greylisted, please try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.out, f"{self.count:06d}.eml")
        with open(name + ".tmp", "wb") as f:
            f.write(b"X-Envelope-To: " + ", ".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name)
        return "250 Message accepted for delivery"


async def main(out):
    loop = asyncio.get_running_loop()
    handler = Sink(out)
    server = await loop.create_server(lambda: SMTP(handler), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
