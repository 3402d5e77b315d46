#!/usr/bin/env python3
"""A JSON-RPC 2.0 server over WebSocket, for wsrun's jsonrpc tests.

It follows https://www.jsonrpc.org/specification: requests and notifications, batches
(notifications inside them get no reply; the replies of a batch come back in the order the
calls finish, not the order they were sent), and the error codes -32700, -32600, -32601,
-32602 and -32603. It uses Debian's python3-websockets (10.x), so it needs nothing from PyPI.

    python3 server.py [port]      # prints "listening on ws://127.0.0.1:PORT", port 0 = free

Methods:
  add(a, b) | add({a, b})  -> a + b; anything but two numbers is -32602 Invalid params
  echo(...)                -> its params
  sleep(ms, value)         -> value, after ms milliseconds (up to 10 s)
  withdraw({amount})       -> error -32000 "Insufficient funds" with data {balance, requested}
  subscribe({topic, count, interval}) -> {"subscription": id}; then sends `count` (at most 100)
                              notifications tick({subscription, topic, n}) every `interval` ms
  notifications()          -> the notifications this client sent, [{method, params}], in order
  ask({method, params, batch}) -> sends that request to the client (in a batch of one when
                              batch is true), waits up to 5 s for the client's response and
                              returns it whole ({result} or {error})
  misbehave(kind)          -> answers against the protocol: "unknown-id" (a reply to an id never
                              sent), "not-json" (a text frame that is not JSON),
                              "wrong-version" (a reply with "jsonrpc": "1.0")
"""
import asyncio
import itertools
import json
import sys

import websockets

PARSE_ERROR, INVALID_REQUEST, METHOD_NOT_FOUND, INVALID_PARAMS, INTERNAL_ERROR = (
    -32700, -32600, -32601, -32602, -32603)
MESSAGES = {PARSE_ERROR: "Parse error", INVALID_REQUEST: "Invalid Request",
            METHOD_NOT_FOUND: "Method not found", INVALID_PARAMS: "Invalid params",
            INTERNAL_ERROR: "Internal error"}


class RpcError(Exception):
    def __init__(self, code, message=None, data=None):
        super().__init__(message or MESSAGES[code])
        self.code, self.message, self.data = code, message or MESSAGES[code], data


class Silent(Exception):
    """The method answered by itself (misbehave): send no reply."""


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


class Client:
    """One connection: its notifications and its pending server -> client requests."""

    def __init__(self, ws):
        self.ws = ws
        self.notifications = []
        self.pending = {}  # id of a request we sent -> future of the client's response
        self.ids = itertools.count(1)
        self.tasks = set()

    def spawn(self, coro):
        task = asyncio.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def send(self, obj):
        await self.ws.send(obj if isinstance(obj, str) else json.dumps(obj))

    # -- methods --------------------------------------------------------------------------

    async def add(self, params, _id):
        if isinstance(params, dict):
            params = [params.get("a"), params.get("b")]
        if not isinstance(params, list) or len(params) != 2 or not all(map(is_number, params)):
            raise RpcError(INVALID_PARAMS, data="add takes two numbers, as [a, b] or {\"a\", \"b\"}")
        return params[0] + params[1]

    async def echo(self, params, _id):
        return params

    async def sleep(self, params, _id):
        if not isinstance(params, list) or len(params) != 2 or not is_number(params[0]):
            raise RpcError(INVALID_PARAMS, data="sleep takes [ms, value]")
        await asyncio.sleep(min(max(params[0], 0), 10000) / 1000)
        return params[1]

    async def withdraw(self, params, _id):
        amount = params.get("amount") if isinstance(params, dict) else None
        if not is_number(amount):
            raise RpcError(INVALID_PARAMS, data="withdraw takes {\"amount\": number}")
        raise RpcError(-32000, "Insufficient funds", {"balance": 5, "requested": amount})

    async def subscribe(self, params, _id):
        params = params if isinstance(params, dict) else {}
        topic, count, interval = params.get("topic", "default"), params.get("count", 3), params.get("interval", 20)
        if not isinstance(topic, str) or not is_number(count) or not is_number(interval):
            raise RpcError(INVALID_PARAMS, data="subscribe takes {topic: string, count: number, interval: ms}")
        sub = next(self.ids)

        async def ticks():
            for n in range(1, min(int(count), 100) + 1):
                await asyncio.sleep(min(max(interval, 1), 5000) / 1000)
                await self.send({"jsonrpc": "2.0", "method": "tick",
                                 "params": {"subscription": sub, "topic": topic, "n": n}})

        # The reply is written before the first tick: this method returns without yielding,
        # so its reply is sent before the ticks task first runs.
        self.spawn(ticks())
        return {"subscription": sub}

    async def notifications_(self, params, _id):
        return self.notifications

    async def ask(self, params, _id):
        if not isinstance(params, dict) or not isinstance(params.get("method"), str):
            raise RpcError(INVALID_PARAMS, data="ask takes {method: string, params?}")
        rid = "srv-%d" % next(self.ids)
        fut = asyncio.get_running_loop().create_future()
        self.pending[rid] = fut
        request = {"jsonrpc": "2.0", "id": rid, "method": params["method"]}
        if "params" in params:
            request["params"] = params["params"]
        # batch: true sends the request inside a batch (an array of one), as a peer may.
        await self.send([request] if params.get("batch") else request)
        try:
            response = await asyncio.wait_for(fut, 5)
        except asyncio.TimeoutError:
            raise RpcError(-32001, "The client did not answer", {"request": request})
        finally:
            self.pending.pop(rid, None)
        return {k: v for k, v in response.items() if k in ("result", "error")}

    async def misbehave(self, params, rid):
        kind = params[0] if isinstance(params, list) and params else params
        if kind == "unknown-id":
            await self.send({"jsonrpc": "2.0", "id": 987654, "result": "for nobody"})
        elif kind == "not-json":
            await self.send("<html>oops</html>")
        elif kind == "wrong-version":
            await self.send({"jsonrpc": "1.0", "id": rid, "result": "old"})
        else:
            raise RpcError(INVALID_PARAMS, data="misbehave takes one of unknown-id, not-json, wrong-version")
        raise Silent()

    METHODS = {"add": add, "echo": echo, "sleep": sleep, "withdraw": withdraw,
               "subscribe": subscribe, "notifications": notifications_, "ask": ask,
               "misbehave": misbehave}

    # -- dispatch -------------------------------------------------------------------------

    def call(self, msg):
        """Takes one request or notification at once, in the order received (a notification is
        recorded here); returns its response, None for none, or a coroutine that runs the
        method and returns the response."""
        if not isinstance(msg, dict):
            return error(None, INVALID_REQUEST)
        rid = msg.get("id")
        has_id = "id" in msg
        if has_id and not (rid is None or isinstance(rid, str) or is_number(rid)):
            return error(None, INVALID_REQUEST, "id must be a string, a number or null")
        if msg.get("jsonrpc") != "2.0" or not isinstance(msg.get("method"), str):
            return error(rid, INVALID_REQUEST, 'a request needs "jsonrpc": "2.0" and a string "method"')
        if "params" in msg and not isinstance(msg["params"], (list, dict)):
            return error(rid, INVALID_REQUEST, "params must be an array or an object")
        if not has_id:
            self.notifications.append({"method": msg["method"], "params": msg.get("params")})
            return None
        method = self.METHODS.get(msg["method"])
        if method is None:
            return error(rid, METHOD_NOT_FOUND)
        return self.run(method, msg.get("params"), rid)

    async def run(self, method, params, rid):
        try:
            result = await method(self, params, rid)
        except RpcError as e:
            return error(rid, e.code, e.data, e.message)
        except Silent:
            return None
        except Exception as e:  # a bug here: say so, as the spec's -32603
            return error(rid, INTERNAL_ERROR, repr(e))
        return {"jsonrpc": "2.0", "id": rid, "result": result}

    def take_response(self, msg):
        """A response from the client to one of our requests: hand it to the waiting ask."""
        fut = self.pending.get(msg.get("id"))
        if fut is not None and not fut.done():
            fut.set_result(msg)

    async def handle_text(self, text):
        try:
            msg = json.loads(text)
        except ValueError:
            await self.send(error(None, PARSE_ERROR))
            return
        if isinstance(msg, list) and msg and all(isinstance(m, dict) and "method" not in m for m in msg):
            for m in msg:  # the client's answers to a batch of our requests
                self.take_response(m)
            return
        if isinstance(msg, list):
            if not msg:
                await self.send(error(None, INVALID_REQUEST, "an empty batch"))
                return
            replies = []

            async def one(r):
                r = await settle(r)
                if r is not None:
                    replies.append(r)  # in the order the calls finish

            await asyncio.gather(*[one(self.call(m)) for m in msg])
            if replies:
                await self.send(replies)
            return
        if isinstance(msg, dict) and "method" not in msg and ("result" in msg or "error" in msg):
            self.take_response(msg)
            return
        reply = await settle(self.call(msg))
        if reply is not None:
            await self.send(reply)


async def settle(r):
    return await r if asyncio.iscoroutine(r) else r


def error(rid, code, data=None, message=None):
    err = {"code": code, "message": message or MESSAGES[code]}
    if data is not None:
        err["data"] = data
    return {"jsonrpc": "2.0", "id": rid, "error": err}


async def serve(ws, path=None):
    client = Client(ws)
    try:
        async for frame in ws:
            if isinstance(frame, bytes):
                client.spawn(client.send(error(None, PARSE_ERROR, "binary frames are not JSON-RPC")))
                continue
            # Each message runs on its own, so a slow call (sleep, ask) does not hold up the
            # next, and ask can receive the client's response while it waits.
            client.spawn(client.handle_text(frame))
    except websockets.ConnectionClosed:
        pass
    finally:
        for task in list(client.tasks):
            task.cancel()


async def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    async with websockets.serve(serve, "127.0.0.1", port) as server:
        port = server.sockets[0].getsockname()[1]
        print("listening on ws://127.0.0.1:%d" % port, flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
