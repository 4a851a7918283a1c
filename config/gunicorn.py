"""
gunicorn's settings for `make serve`; the worker count and the address come
from config/serve.py, which starts gunicorn with this file.
"""

wsgi_app = "config.wsgi:application"
# Sync workers: one request at a time per process, the model Django is written
# for. Pages take milliseconds, so a class of 40 queues briefly at worst; slow
# clients are a proxy's job (DJANGO_HTTPS=1 assumes one in front).
worker_class = "sync"
# A request that takes longer than this is stuck (a server that stopped
# answering): the worker is replaced rather than lost to the class.
timeout = 30
# Each request on stdout, with the pid of the worker that answered it (a
# teacher sees the class spread over the workers) and the X-Request-Id a proxy
# may add (nginx's $request_id), to find one request in both logs.
accesslog = "-"
access_log_format = (
    '%(h)s "%(r)s" %(s)s %(b)s %(M)sms worker=%(p)s request=%({x-request-id}i)s'
)
# No control socket: nothing here uses gunicorn's control interface, and its
# default path in $HOME would be shared by every gunicorn the user starts.
control_socket_disable = True
