"""The class itself: who is in it (the class list), who came (attendance), what they knew
before and after (the paper tests) and who completed it (certificates with a verification
code). A domain under the faces: the printouts, the dashboard and `tdp` ask it."""
