"""The weekly team meeting: agenda, live page, issues list, to-dos, headlines, ratings, recap."""
