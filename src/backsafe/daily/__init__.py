"""Daily life: the revised NIOSH lifting equation and everyday tasks.

This room holds what backsafe says about lifting and moving outside the
gym. The lifting equation (`_lifting`, `_multipliers`, `_tables`,
`_duration`, `_composite`) gives the recommended weight limit and lifting
index of the revised NIOSH lifting equation (Waters, Putz-Anderson, Garg &
Fine 1993; NIOSH Applications Manual, Publication 94-110, revised 2021),
for one lift, for both ends of a lift, and the composite lifting index of
a job of several tasks; it imports only the basement. The everyday tasks
(`_tasks` the data types, `_task_io` the reader and the built-in
collection, `_task_scoring` the scores and swaps) describe each way of a
task by its postures and score them with the spine model; they import the
spine room, and the exercise room's document reader.
"""
