"""Drives nn's Jupyter kernel as Jupyter does, for nn.kernel.KernelIT (run with /usr/bin/python3).

usage: kernel_check.py CELLS.json OUT_DIR

1. Runs a notebook made of the cells in CELLS.json with nbclient (allow_errors: the failing cells are part of
   the test) and writes the executed notebook to OUT_DIR/executed.ipynb.
2. Starts the kernel again with jupyter_client's KernelManager and a BlockingKernelClient: kernel_info,
   complete, inspect, is_complete, a message with a bad signature, and the interrupt of a long `train`; writes
   what came back to OUT_DIR/client.json.
The Java test checks both files; this script only records, and fails only when Jupyter itself does.
"""
import json
import os
import queue
import sys
import time

import jupyter_client
import nbformat
from jupyter_client.session import Session
from nbclient import NotebookClient

cells_file, out_dir = sys.argv[1], sys.argv[2]
with open(cells_file, encoding="utf-8") as f:
    cells = json.load(f)

# ---- 1. a notebook, as nbclient (nbconvert --execute, nbgrader, papermill) runs one ----
nb = nbformat.v4.new_notebook()
nb.metadata["kernelspec"] = {"name": "nn", "display_name": "nn", "language": "nn"}
nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
client = NotebookClient(nb, kernel_name="nn", timeout=120, startup_timeout=120, allow_errors=True,
                        resources={"metadata": {"path": out_dir}})
client.execute()
nbformat.write(nb, os.path.join(out_dir, "executed.ipynb"))

# ---- 2. the client parts ----
REFERENCE = ("layer relu 3->2 as h\nlayer sigmoid 2->1 as o\n"
             "W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]\nb0 = [-0.1, 0.2]; W1 = [0.7, -1.1]; b1 = -0.1\n"
             "input [0.9, 0.2, 0.5]; target 0")
km = jupyter_client.KernelManager(kernel_name="nn")
km.start_kernel(cwd=out_dir)
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=120)
out = {"kernel_spec_argv": km.kernel_spec.argv, "interrupt_mode": km.kernel_spec.interrupt_mode}


def iopub_until_idle(msg_id, timeout=120):
    msgs = []
    end = time.time() + timeout
    while time.time() < end:
        m = kc.get_iopub_msg(timeout=max(0.1, end - time.time()))
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append({"msg_type": m["msg_type"], "content": m["content"]})
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return msgs
    raise RuntimeError("no idle status for " + msg_id)


def execute(code, timeout=120):
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return {"reply": reply["content"], "iopub": iopub_until_idle(msg_id, timeout)}


def shell(send):
    msg_id = send()
    while True:
        r = kc.get_shell_msg(timeout=30)
        if r["parent_header"].get("msg_id") == msg_id:
            return {"msg_type": r["msg_type"], "content": r["content"]}


out["kernel_info"] = kc.kernel_info(reply=True, timeout=30)["content"]
out["setup"] = execute(REFERENCE)
out["complete_lay"] = kc.complete("lay", 3, reply=True, timeout=30)["content"]
out["complete_gradient"] = kc.complete("show dE/dw1", 11, reply=True, timeout=30)["content"]
out["inspect_layer"] = kc.inspect("layer relu 3->2", 2, reply=True, timeout=30)["content"]
out["inspect_W0"] = kc.inspect("show W0", 6, reply=True, timeout=30)["content"]
out["is_complete_open"] = shell(lambda: kc.is_complete("W0 = [[0.2, -1.2, 0.9],"))
out["is_complete_closed"] = shell(lambda: kc.is_complete("W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]"))
out["comm_info"] = shell(lambda: kc.comm_info())

# a message signed with another key: the kernel must not answer it
bad = Session(key=b"not-the-kernel-key", username="intruder")
bad_msg = bad.msg("execute_request", content={"code": "reset", "silent": False})
bad.send(kc.shell_channel.socket, bad_msg)
try:
    r = kc.get_shell_msg(timeout=3)
    out["bad_signature_answered"] = r["parent_header"].get("msg_id") == bad_msg["header"]["msg_id"]
except queue.Empty:
    out["bad_signature_answered"] = False
out["after_bad_signature"] = execute("show b1")

# interrupt a long train through the KernelManager (interrupt_mode message: interrupt_request on control)
msg_id = kc.execute("train epochs=100000000 lr=0.1\nshow W0")
training = []
finished = False
end = time.time() + 60
while time.time() < end:  # wait until the train reports progress: it is running
    m = kc.get_iopub_msg(timeout=60)
    if m["parent_header"].get("msg_id") != msg_id:
        continue
    training.append({"msg_type": m["msg_type"], "content": m["content"]})
    if m["msg_type"] == "display_data":
        break
    if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
        finished = True  # it ended by itself (it failed): the Java test says so
        break
t0 = time.time()
km.interrupt_kernel()
reply = kc.get_shell_msg(timeout=60)
while reply["parent_header"].get("msg_id") != msg_id:
    reply = kc.get_shell_msg(timeout=60)
out["interrupt_seconds"] = time.time() - t0
if not finished:
    training += iopub_until_idle(msg_id)
out["interrupted"] = {"reply": reply["content"], "iopub": training}
out["after_interrupt"] = execute("W0")

km.shutdown_kernel(now=False)
out["alive_after_shutdown"] = km.is_alive()
kc.stop_channels()

with open(os.path.join(out_dir, "client.json"), "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
print("kernel_check: done")
del kc, km  # before the interpreter's exit, which would otherwise log about closing them
