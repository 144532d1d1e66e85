"""Daily life: the revised NIOSH lifting equation and, later, everyday tasks.

This room holds what backsafe says about lifting outside the gym: the
recommended weight limit and lifting index of the revised NIOSH lifting
equation (Waters, Putz-Anderson, Garg & Fine 1993; NIOSH Applications
Manual, Publication 94-110, revised 2021), for one lift, for both ends of a
lift, and the composite lifting index of a job of several tasks. It imports
only the basement (`backsafe.exceptions`, `backsafe._validation`).
"""
