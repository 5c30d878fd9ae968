"""Models served by another machine over the OpenAI-compatible HTTP API (vLLM, llama.cpp's server, Ollama,
`transformers serve`): the address, its key in the system keyring, and the jobs that run there."""
