"""Hand-written building blocks of the prose generator (:mod:`curate.world.prose`).

Data only: ``howto`` (tasks with steps, tips and warnings across everyday domains; code
walkthroughs; real-world calculations), ``reference`` (encyclopedic entries about well-known
topics), ``life`` (news events, opinions, reviews, anecdotes, scenes, letters, chat). The same
domains appear in every class, so a classifier must learn what a text does rather than what it
is about.
"""
