"""pyftpdlib for bench/run: one user with every permission, 127.0.0.1 only, connection limits raised.

usage: python3 pyftpd.py PORT ROOT USER PASSWORD
Everything else is pyftpdlib's default (sendfile for RETR, its epoll IO loop in one process and thread).
"""
import logging
import sys

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.log import config_logging
from pyftpdlib.servers import FTPServer


def main():
    port, root, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    config_logging(level=logging.WARNING)  # INFO logs every command, which would cost more than serving it
    authorizer = DummyAuthorizer()
    authorizer.add_user(user, password, root, perm="elradfmwMT")
    handler = FTPHandler
    handler.authorizer = authorizer
    handler.timeout = 600
    server = FTPServer(("127.0.0.1", port), handler)
    server.max_cons = 20000          # default 512
    server.max_cons_per_ip = 0       # unlimited
    print("pyftpdlib: listening on 127.0.0.1:%d, serving %s, sendfile=%s" % (port, root, handler.use_sendfile), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
