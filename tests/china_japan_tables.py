"""Published data of the China–Japan paper shared by several test modules.

Reference: Fang, Z., Li, J., Song, R., Chen, Y. and Fan, Y. "Policy Assessment and Path
Choice of Digital Economy Cooperation between China and Japan", Table 4 (the stances of
China and Japan in nine areas; "Advantage ... Disadvantage ..." cells are "both").
"""

# Table 4: (area, China's stance, Japan's stance).
TABLE_4 = [
    ("Population", "both", "both"),
    ("Information infrastructure", "advantage", "disadvantage"),
    ("Industrial system", "advantage", "advantage"),
    ("Digital technology level", "both", "advantage"),
    ("Level of industrial digitization", "both", "both"),
    ("Development level of digital industry", "both", "both"),
    ("Degree of social informatization", "advantage", "disadvantage"),
    ("Digital talents", "disadvantage", "disadvantage"),
    ("Trade in digital products", "both", "disadvantage"),
]

# The two cross-complementarity criteria Table 4 yields (one per direction).
CJ = "China strengths meet Japan weaknesses"
JC = "Japan strengths meet China weaknesses"
