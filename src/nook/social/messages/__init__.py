"""私信: 1:1 conversations and reports of them."""
