"""Entry point that registers the process executor with LocalStack's plugin manager."""

from __future__ import annotations

from typing import Any

from localstack.services.lambda_.invocation.plugins import RuntimeExecutorPlugin


class ProcessRuntimeExecutorPlugin(RuntimeExecutorPlugin):
    """Selected with ``LAMBDA_RUNTIME_EXECUTOR=process``."""

    name = "process"

    def load(self, *args: Any, **kwargs: Any) -> Any:
        """Return the executor class (imported lazily, like LocalStack's own plugins)."""
        from localstack_process_executor import bound
        from localstack_process_executor.executor import ProcessRuntimeExecutor

        bound.install()
        return ProcessRuntimeExecutor
