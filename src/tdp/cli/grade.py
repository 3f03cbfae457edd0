"""stub"""
def register(commands):
    pass
