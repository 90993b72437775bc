"""Peppy in front of a person: the `Peppy` API and the `crisp chat` terminal.

- `peppy`: the `Peppy` class (model mode and guided mode, safety on every turn);
- `gate`: releasing a streamed reply sentence by sentence, checked and without tags;
- `history`: fitting the conversation into the model's context window;
- `transcript`: chats as Crisp records (save, load, resume);
- `safety_io`: how chat uses the safety layer (`crisp.safety`);
- `repl`, `commands`, `notice`: the terminal.

Importing this package imports nothing heavy (the CLI registers `crisp chat` from it);
`from crisp import Peppy` or `from crisp.chat.peppy import Peppy` loads the API.
"""
